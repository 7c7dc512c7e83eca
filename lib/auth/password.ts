import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2 rather than `argon2`: the same Argon2id, but it ships prebuilt binaries
// as optional dependencies instead of compiling through an install script (STACK_NOTES §13).
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, options);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
