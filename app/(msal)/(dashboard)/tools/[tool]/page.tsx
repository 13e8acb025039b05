// /tools/<tool>: one RMM tool's devices, every device any of its hunts matched in the window. The view reads
// its window and table state from the URL in the browser, so it renders inside a Suspense boundary.
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ToolDevicesView } from '@/components/tools/tool-devices-view';

type Props = { params: Promise<{ tool: string }> };

/** The segment as the tool's name; a malformed escape is kept as typed rather than failing the page. */
function toolName(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `${toolName((await params).tool)} · RMM tools` };
}

export default async function ToolDevicesPage({ params }: Props) {
  const tool = toolName((await params).tool);
  return (
    <Suspense fallback={null}>
      <ToolDevicesView tool={tool} />
    </Suspense>
  );
}
