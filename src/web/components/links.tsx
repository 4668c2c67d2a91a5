// Mantine components that navigate with TanStack Router (typed `to`, preloading, active state).
import { Anchor, type AnchorProps, Button, type ButtonProps, NavLink, type NavLinkProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import type { ComponentPropsWithRef } from 'react';

type AnchorBaseProps = AnchorProps & Omit<ComponentPropsWithRef<'a'>, keyof AnchorProps>;
type ButtonBaseProps = ButtonProps & Omit<ComponentPropsWithRef<'a'>, keyof ButtonProps>;
type NavLinkBaseProps = NavLinkProps & Omit<ComponentPropsWithRef<'a'>, keyof NavLinkProps>;

function AnchorBase(props: AnchorBaseProps) {
  return <Anchor component="a" {...props} />;
}

function ButtonBase(props: ButtonBaseProps) {
  return <Button component="a" {...props} />;
}

function NavLinkBase(props: NavLinkBaseProps) {
  return <NavLink component="a" {...props} />;
}

/** A text link to a route. */
export const AnchorLink = createLink(AnchorBase);
/** A button that is a link to a route. */
export const ButtonLink = createLink(ButtonBase);
/** A navbar entry that is a link to a route. */
export const NavLinkLink = createLink(NavLinkBase);
