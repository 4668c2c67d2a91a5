// Entry point of the web app: theme, i18n, data, router.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import './styles.css';
import './lib/i18n.ts';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrandContext } from './components/brand.tsx';
import { setUnauthorizedHandler } from './lib/api.ts';
import { createQueryClient } from './lib/query-client.ts';
import { endSession } from './lib/session.ts';
import { buildTheme, DEFAULT_PRIMARY, errorColour } from './lib/theme.ts';
import { buildRouter } from './router.tsx';

const queryClient = createQueryClient();
const router = buildRouter(queryClient);

// A 401 from any call but /me means the session ended: forget it; the signed-in layout
// (staff app or portal) then sends the user to its login page and back here afterwards.
setUnauthorizedHandler(() => endSession(queryClient));

function App() {
  const [primary, setPrimary] = useState(DEFAULT_PRIMARY);
  const theme = useMemo(() => buildTheme(primary), [primary]);
  return (
    <MantineProvider theme={theme} forceColorScheme="light" cssVariablesResolver={errorColour}>
      <Notifications position="top-right" />
      <BrandContext value={setPrimary}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </BrandContext>
    </MantineProvider>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
