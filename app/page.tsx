// The root URL has no page of its own: the RMM overview, the fleet at a glance, is where people start.
import { redirect } from 'next/navigation';
import { HOME_PATH } from '@/lib/auth/msal-config';

export default function Home() {
  redirect(HOME_PATH);
}
