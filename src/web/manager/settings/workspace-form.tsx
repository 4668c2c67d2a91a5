// What the General and Branding tabs share: the workspace loaded first, then a form over it that
// follows the server's copy and saves with PATCH /workspace, for those who may manage the workspace.
import { Skeleton } from '@mantine/core';
import { type FormValidateInput, useForm } from '@mantine/form';
import { type ReactNode, useEffect } from 'react';
import { ErrorState } from '../../components/states.tsx';
import type { Workspace } from '../../lib/api-types.ts';
import { useMe } from '../../lib/session.ts';
import { useUpdateWorkspace, useWorkspace } from './settings-queries.ts';

/** A skeleton `height` high while the workspace loads, its error, or `children` for it. */
export function WorkspaceLoader({ height, children }: { height: number; children: (workspace: Workspace) => ReactNode }) {
  const workspace = useWorkspace();
  if (workspace.isPending) return <Skeleton h={height} radius="md" />;
  if (workspace.isError) return <ErrorState error={workspace.error} onRetry={() => void workspace.refetch()} />;
  return children(workspace.data);
}

/** The form seeded with `valuesOf(workspace)` (and again whenever the server copy changes), its save, and who may save. */
export function useWorkspaceForm<V extends Record<string, unknown>>(
  workspace: Workspace,
  valuesOf: (workspace: Workspace) => V,
  validate: FormValidateInput<V>,
) {
  const me = useMe();
  const update = useUpdateWorkspace();
  const form = useForm<V>({ mode: 'controlled', initialValues: valuesOf(workspace), validate });

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-seed only when the server copy changes
  useEffect(() => {
    form.setInitialValues(valuesOf(workspace));
    form.setValues(valuesOf(workspace));
  }, [workspace]);

  return { form, update, canEdit: me.permissions.manageWorkspace };
}
