// The "Hunts" menu: pick which hunt the page runs.
'use client';
import type { ApiProblem } from '@/components/api/api-client';
import { buttonClass } from '@/components/ui/button';
import { ChevronDownIcon } from '@/components/ui/icons';
import { Menu, MenuItemRadio, MenuLabel } from '@/components/ui/menu';
import type { HuntSummary } from '@/lib/hunts/hunt-run';

export function HuntPicker({
  hunts,
  error,
  selectedId,
  onSelect,
}: {
  hunts: HuntSummary[] | null;
  error: ApiProblem | null;
  selectedId: string | null;
  onSelect: (huntId: string) => void;
}) {
  return (
    <Menu
      menuLabel="Hunts"
      triggerClassName={buttonClass('secondary', 'gap-1 px-2')}
      panelClassName="w-[36rem] max-w-[calc(100vw-2rem)] max-h-[60vh] overflow-auto"
      trigger={
        <>
          Hunts
          <ChevronDownIcon size={12} className="text-muted" />
        </>
      }
    >
      {(close) => (
        <>
          {error ? (
            <MenuLabel>
              Could not load the hunt list: {error.title}. {error.detail}
            </MenuLabel>
          ) : hunts === null ? (
            <MenuLabel>Loading hunts…</MenuLabel>
          ) : hunts.length === 0 ? (
            <MenuLabel>The catalog has no hunts.</MenuLabel>
          ) : (
            hunts.map((hunt) => (
              <MenuItemRadio
                key={hunt.id}
                checked={hunt.id === selectedId}
                hint={hunt.techniques.join(', ')}
                onSelect={() => {
                  close();
                  if (hunt.id !== selectedId) onSelect(hunt.id);
                }}
              >
                {hunt.name}
              </MenuItemRadio>
            ))
          )}
        </>
      )}
    </Menu>
  );
}
