// Sets the document title per page ("Reembolsos · Hardin"), which is also what screen readers announce
// first after an in-app navigation.
import { useEffect } from 'react';

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Hardin` : 'Hardin';
  }, [title]);
}
