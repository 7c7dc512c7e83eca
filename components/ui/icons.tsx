/**
 * The few icons of the reading page and the site header as plain SVG, the path data taken
 * from the Lucide set the app uses elsewhere (lucide-react, ISC licence). lucide-react's
 * icons are client components (its Icon reads a React context), so each one on a page — even
 * one rendered by a server component — ships its Icon/createLucideIcon runtime and the icon's
 * data to the browser; these render on the server (or inside a client component) and add
 * only their markup. Issue 9: the reading page's JavaScript. Decorative: always aria-hidden.
 */
type IconProps = { className?: string };

function Svg({ className, children }: IconProps & { children: React.ReactNode }) {
  return (
    // No xmlns, width or height: inline in HTML, sized by its class (the markup repeats in the
    // RSC payload, so every attribute counts twice).
    <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" className={className}>
      {children}
    </svg>
  );
}

export function BookOpenTextIcon({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="M12 5v16M16 13h2M16 9h2M6 13h2M6 9h2" />
      <path d="M20.001 19A2 2 0 0022 17V5a2 2 0 00-1.999-2L16 3.002A5 5 0 0012 5a5 5 0 00-4-2H4a2 2 0 00-2 2v12a2 2 0 001.999 2H8a5 5 0 014 2 5 5 0 014-2z" />
    </Svg>
  );
}

export function SearchIcon({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="m21 21-4.34-4.34" />
      <circle cx="11" cy="11" r="8" />
    </Svg>
  );
}

export function KeyboardIcon({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="M10 8h.01M12 12h.01M14 8h.01M16 12h.01M18 8h.01M6 8h.01M7 16h10M8 12h.01" />
      <rect width="20" height="16" x="2" y="4" rx="2" />
    </Svg>
  );
}

export function MessageSquarePlusIcon({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="M22 17a2 2 0 0 1-2 2H6.828a2 2 0 0 0-1.414.586l-2.202 2.202A.71.71 0 0 1 2 21.286V5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2z" />
      <path d="M12 8v6M9 11h6" />
    </Svg>
  );
}

export function BellIcon({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="M10.268 21a2 2 0 0 0 3.464 0" />
      <path d="M3.262 15.326A1 1 0 0 0 4 17h16a1 1 0 0 0 .74-1.673C19.41 13.956 18 12.499 18 8A6 6 0 0 0 6 8c0 4.499-1.411 5.956-2.738 7.326" />
    </Svg>
  );
}

export function XIcon({ className }: IconProps) {
  return (
    <Svg className={className}>
      <path d="M18 6 6 18M6 6l12 12" />
    </Svg>
  );
}
