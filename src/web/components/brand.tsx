// The workspace colour as the app's primary colour: layouts report it, the root theme follows.
import { createContext, use, useEffect } from 'react';
import { DEFAULT_PRIMARY, isHexColor } from '../lib/theme.ts';

export const BrandContext = createContext<(color: string) => void>(() => {});

/** Makes `color` (or Tandem's default when it is not a valid `#rrggbb`) the primary colour. */
export function useBrandColor(color: string | null | undefined): void {
  const setPrimary = use(BrandContext);
  useEffect(() => {
    setPrimary(isHexColor(color) ? color : DEFAULT_PRIMARY);
  }, [color, setPrimary]);
}
