// Badge colours for the status enums.
import type { AllocationStatus, CustomerStatus, MachineStatus, SessionStatus } from './api';

type Tone = 'success' | 'info' | 'warning' | 'danger' | 'neutral';

export const machineTone: Record<MachineStatus, Tone> = {
  online: 'success',
  allocated: 'info',
  maintenance: 'warning',
  offline: 'neutral',
  needs_collect: 'danger',
};

export const sessionTone: Record<SessionStatus, Tone> = {
  pending: 'neutral',
  active: 'success',
  closed: 'neutral',
  terminated: 'warning',
  failed: 'danger',
};

export const customerTone: Record<CustomerStatus, Tone> = { active: 'success', disabled: 'danger' };

export const allocationTone: Record<AllocationStatus, Tone> = { active: 'info', reclaimed: 'neutral', expired: 'warning' };
