import { IllegalTransitionError } from '../errors';
import type { MachineStatus } from '../models';

// DESIGN.md section 5. `allocated` is entered and left only by allocate/reclaim.
const MOVES: Record<MachineStatus, MachineStatus[]> = {
  online: ['allocated', 'maintenance', 'offline'],
  allocated: ['online', 'maintenance', 'offline'],
  maintenance: ['online', 'offline'],
  offline: ['online'],
  needs_collect: ['online', 'offline'],
};

export function canMove(from: MachineStatus, to: MachineStatus): boolean {
  return from === to ? false : MOVES[from].includes(to);
}

export function assertMove(from: MachineStatus, to: MachineStatus): void {
  if (!canMove(from, to)) throw new IllegalTransitionError(from, to);
}
