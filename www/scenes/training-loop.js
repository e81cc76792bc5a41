// Section 3.4.

export function mount() {
  throw new Error('scene 3.4 is not built yet');
}
