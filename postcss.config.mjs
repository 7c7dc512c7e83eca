// Tailwind through PostCSS so both bundlers (Turbopack and webpack) produce the utilities.
const config = { plugins: { "@tailwindcss/postcss": {} } };
export default config;
