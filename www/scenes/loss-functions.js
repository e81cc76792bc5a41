// Section 3.1.

export function mount() {
  throw new Error('scene 3.1 is not built yet');
}
