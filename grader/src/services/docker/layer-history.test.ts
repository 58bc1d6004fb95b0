import { describe, expect, test } from 'vitest'
import { instructionOf, layerHistory } from './layer-history.ts'

describe('layerHistory', () => {
  test('oldest first, as instructions, without what the grader adds', () => {
    const newestFirst = [
      { CreatedBy: '/bin/sh -c #(nop)  LABEL org.backend-labs.lab=docker/x', Size: 0 },
      { CreatedBy: '/bin/sh -c #(nop)  CMD ["node" "server.js"]', Size: 0 },
      { CreatedBy: '|2 NODE_EXTRA_CA_CERTS=/a.crt SSL_CERT_FILE=/a.crt /bin/sh -c npm ci', Size: 1234 },
      { CreatedBy: '/bin/sh -c #(nop)  ARG SSL_CERT_FILE', Size: 0 },
      {
        CreatedBy: '/bin/sh -c #(nop) COPY file:abc in /usr/local/share/backend-labs/proxy-ca.crt ',
        Size: 220_000,
      },
      { CreatedBy: 'RUN /bin/sh -c apt-get update # buildkit', Size: 10 },
    ]
    expect(layerHistory(newestFirst)).toEqual([
      { createdBy: 'RUN /bin/sh -c apt-get update # buildkit', sizeBytes: 10 },
      { createdBy: 'RUN npm ci', sizeBytes: 1234 },
      { createdBy: 'CMD ["node" "server.js"]', sizeBytes: 0 },
    ])
  })

  test('instructionOf leaves unknown forms alone', () => {
    expect(instructionOf('COPY . . # buildkit')).toBe('COPY . . # buildkit')
    expect(instructionOf('/bin/sh -c #(nop) WORKDIR /app')).toBe('WORKDIR /app')
  })
})
