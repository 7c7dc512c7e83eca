"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: "/signin" })}
      className="rounded-md px-2 py-1 text-stone-700 hover:bg-stone-200 dark:text-stone-300 dark:hover:bg-stone-800"
    >
      Sign out
    </button>
  );
}
