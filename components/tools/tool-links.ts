// Where a tool leads: the devices page scoped to the tool's first hunt, in the overview's window. The devices
// page shows one hunt at a time; a tool with several hunts lists the others in the hunt picker.
export function toolDevicesHref(tool: { hunts: readonly { id: string }[] }, lookback: string): string | null {
  const first = tool.hunts[0];
  if (!first) return null;
  return `/devices?${new URLSearchParams({ hunt: first.id, lookback })}`;
}
