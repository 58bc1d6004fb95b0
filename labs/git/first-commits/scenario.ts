import { buildScenario, PEOPLE } from '@backend-labs/git-kit'

/** The fake secret in the starter's `.env`; a hidden check makes sure it never enters history. */
export const FAKE_SECRET = 'demo-token-not-real-7f3a9c1e'

const packageJson = `{
  "name": "greeter",
  "version": "0.1.0",
  "type": "module",
  "scripts": {
    "build": "tsc -p .",
    "start": "node dist/index.js"
  }
}
`

const tsconfig = `{
  "compilerOptions": { "outDir": "dist", "target": "ES2022", "module": "NodeNext", "strict": true },
  "include": ["src"]
}
`

const greetV1 = `export function greet(name: string): string {
  return \`Hello, \${name}!\`
}
`

const greetV2 = `export function greet(name: string): string {
  return \`Hello, \${name}!\`
}

export function farewell(name: string): string {
  return \`Goodbye, \${name}. See you soon!\`
}
`

const indexV1 = `import { greet } from './greet.js'

console.log(greet(process.env.GREET_NAME ?? 'world'))
`

const indexV2 = `import { farewell, greet } from './greet.js'
import { shout } from './shout.js'

const name = process.env.GREET_NAME ?? 'world'
console.log(greet(name))
console.log(shout(farewell(name)))
`

const shout = `/** Upper-cases a line and adds emphasis, for the loud mode. */
export function shout(line: string): string {
  return \`\${line.toUpperCase()}!!\`
}
`

const distGreetV1 = `export function greet(name) {
    return \`Hello, \${name}!\`;
}
`

const distIndexV1 = `import { greet } from './greet.js';
console.log(greet(process.env.GREET_NAME ?? 'world'));
`

/**
 * A small Node project. The build output (dist/) was committed by mistake; the working tree holds
 * uncommitted source changes, a fresh build and a `.env` with a (fake) secret, all untracked.
 */
export default async function scenario(dir: string): Promise<void> {
  await buildScenario(dir, async (s) => {
    s.as(PEOPLE.ada)
    await s.commit('Create greeter project with package.json and tsconfig', {
      files: {
        'package.json': packageJson,
        'tsconfig.json': tsconfig,
        'README.md': '# greeter\n\nSays hello. Build with `npm run build`, run with `npm start`.\n',
      },
    })
    await s.commit('Add greet function and CLI entry point', {
      files: { 'src/greet.ts': greetV1, 'src/index.ts': indexV1 },
    })
    s.as(PEOPLE.grace)
    await s.commit('Build greeter for the first demo', {
      files: { 'dist/greet.js': distGreetV1, 'dist/index.js': distIndexV1 },
    })
    // Work in progress, left uncommitted for the learner.
    await s.write({
      'src/greet.ts': greetV2,
      'src/index.ts': indexV2,
      'src/shout.ts': shout,
      'dist/greet.js': `${distGreetV1}export function farewell(name) {\n    return \`Goodbye, \${name}. See you soon!\`;\n}\n`,
      'dist/shout.js': `export function shout(line) {\n    return \`\${line.toUpperCase()}!!\`;\n}\n`,
      '.env': `# Local settings: never commit this file\nGREET_NAME=Ada\nGREETER_API_TOKEN=${FAKE_SECRET}\n`,
    })
  })
}
