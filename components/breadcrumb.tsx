import Link from "next/link";

/** Course › page trail for the header: links for every step but the current one. */
export function Breadcrumb({ steps }: { steps: { label: string; href?: string }[] }) {
  return (
    <>
      {steps.map((step, i) => (
        <span key={i}>
          {i > 0 ? <span aria-hidden> · </span> : null}
          {step.href ? (
            // 24 px tall at least: a touch target (WCAG 2.2 target size) in a one-line header.
            <Link href={step.href} className="inline-block max-w-full truncate py-1 align-bottom hover:underline">
              {step.label}
            </Link>
          ) : (
            <span aria-current="page">{step.label}</span>
          )}
        </span>
      ))}
    </>
  );
}
