import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { SignInForm } from "./sign-in-form";
import { safeCallback } from "@/lib/safe-callback";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 px-4 py-12">
      <div>
        <Link href="/" className="text-sm text-accent hover:underline">
          Colloquy
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">Sign in</h1>
        <p className="mt-1 text-sm text-stone-600 dark:text-stone-400">Discuss your course readings with your class.</p>
      </div>
      <SignInForm callbackUrl={callbackUrl} />
      <p className="text-sm text-stone-600 dark:text-stone-400">
        New here?{" "}
        <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="font-medium text-accent hover:underline">
          Create an account
        </Link>
      </p>
    </main>
  );
}
