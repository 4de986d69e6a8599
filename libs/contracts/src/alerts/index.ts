// Schemas of this area are added by the issues that build it; see ../../README.md.
export {};
