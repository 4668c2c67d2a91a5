// Settings → Program: the registration rules of the partner program.
export function ProgramTab() {
  return null;
}
