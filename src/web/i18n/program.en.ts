export const programEn = {
  tab: 'Program',
};
