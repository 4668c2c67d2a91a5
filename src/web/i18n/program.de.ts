export const programDe = {
  tab: 'Programm',
};
