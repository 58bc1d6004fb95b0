/** The code of a module with comments and string literals blanked, so keyword searches do not match prose. */
export function codeOnly(definition: string): string {
  return definition.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|N?'(?:[^']|'')*'/g, (m) =>
    m.startsWith("'") || m.startsWith("N'") ? "''" : ' ',
  )
}
