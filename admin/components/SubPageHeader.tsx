import { Link } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';

export interface SubPageHeaderProps {
  title: string;
  subtitle?: string;
  back: { to: string; label: string };
  primaryAction?: ReactNode;
}

/** The head of a page reached from another (a segment, its members, a list's members): its title, and a link back. */
export const SubPageHeader = ({ title, subtitle, back, primaryAction }: SubPageHeaderProps) => (
  <>
    <Page.Title>{title}</Page.Title>
    <Layouts.Header
      navigationAction={
        <Link tag={RouterLink} to={back.to} startIcon={<ArrowLeft />}>
          {back.label}
        </Link>
      }
      title={title}
      subtitle={subtitle}
      primaryAction={primaryAction}
    />
  </>
);
