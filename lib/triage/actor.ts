// Who the audit trail records for a change: the caller's stable id and the name they had at the time.
import type { Principal } from '@/lib/auth/principal';
import type { Actor } from './types';

export function actorOf(principal: Principal): Actor {
  return { id: principal.id, name: principal.name ?? principal.username ?? principal.id };
}
