import Link from "next/link";

/** Course › page trail for the header: links for every step but the current one. */
export function Breadcrumb({ steps }: { steps: { label: string; href?: string }[] }) {
  return (
    <>
      {steps.map((step, i) => (
        <span key={i}>
          {i > 0 ? <span aria-hidden> · </span> : null}
          {step.href ? (
            <Link href={step.href} className="hover:underline">
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
