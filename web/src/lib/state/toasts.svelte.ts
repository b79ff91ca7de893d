// Short-lived notices for completed actions and failures.

export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  text: string;
}

class Toasts {
  items = $state<Toast[]>([]);
  private seq = 0;

  push(kind: Toast['kind'], text: string, ms = kind === 'error' ? 6000 : 3000): void {
    const id = ++this.seq;
    this.items.push({ id, kind, text });
    setTimeout(() => this.dismiss(id), ms);
  }
  success(text: string): void {
    this.push('success', text);
  }
  error(text: string): void {
    this.push('error', text);
  }
  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
