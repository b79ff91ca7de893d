// One app-wide confirmation dialog; `await confirmer.ask(...)` resolves true on OK.

export interface ConfirmRequest {
  title: string;
  message: string;
  okLabel?: string;
  danger?: boolean;
}

class Confirmer {
  current = $state<ConfirmRequest | null>(null);
  private resolve: ((ok: boolean) => void) | null = null;

  ask(req: ConfirmRequest): Promise<boolean> {
    this.resolve?.(false);
    this.current = req;
    return new Promise((r) => (this.resolve = r));
  }

  answer(ok: boolean): void {
    const r = this.resolve;
    this.resolve = null;
    this.current = null;
    r?.(ok);
  }
}

export const confirmer = new Confirmer();
