// Section 3.3.

export function mount() {
  throw new Error('scene 3.3 is not built yet');
}
