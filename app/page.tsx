// The root URL has no page of its own: the devices view is where analysts start.
import { redirect } from 'next/navigation';

export default function Home() {
  redirect('/devices');
}
