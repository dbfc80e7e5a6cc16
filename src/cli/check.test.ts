// nn-lab check: a solved result passes; an unsolved one, a tampered copy (its history edited to
// claim success) and a file that is not a session fail, with exit code 3. The test accuracy it
// reports is compared with NumPy evaluating the exported weights on the exported points.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { TrainingRun } from '../shared/engine'
import type { RunConfig } from '../shared/engine'
import {
  findShippedChallenge,
  serializeChallenge,
  SHIPPED_CHALLENGES,
  type Challenge
} from '../shared/challenge'
import { SOLUTION_EPOCHS, solvedConfig as solutionOf } from '../shared/challenge/testSolutions'
import { splitDatasetCsv, weightsJson } from '../shared/export'
import { createSessionDocument, serializeSession, type ChallengeAnswer } from '../shared/session'
import { COMMAND_HELP, GENERAL_HELP } from './help'
import { cliIn } from './testCli'

const dir = mkdtempSync(join(tmpdir(), 'nnlab-check-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const cli = cliIn(dir)

const challenge = findShippedChallenge('nnlab-deep-sigmoid') as Challenge
const answer: ChallengeAnswer = { id: challenge.id, title: challenge.title }

function save(name: string, config: RunConfig, epochs: number, records = true): string {
  const run = TrainingRun.create(config)
  for (let e = 0; e < epochs; e++) run.trainEpoch()
  const doc = createSessionDocument(run.snapshot(), {
    name,
    appVersion: 'test',
    challenge: records ? answer : undefined
  })
  writeFileSync(join(dir, name), serializeSession(doc))
  return name
}

const solvedConfig = structuredClone(challenge.start)
solvedConfig.network.activations = solvedConfig.network.activations.map(() => 'relu')
solvedConfig.network.init = 'he'

writeFileSync(join(dir, 'deep.nnlab-challenge'), serializeChallenge(challenge))
const solved = save('solved.nnlab', solvedConfig, 1000)
const unsolved = save('unsolved.nnlab', challenge.start, 200)

/** The unsolved session with its history claiming 100% on every epoch, and the stored test
 *  points replaced by the training points the model saw (easier to get right). */
function tamper(): string {
  const doc = JSON.parse(readFileSync(join(dir, unsolved), 'utf8'))
  const ones = Buffer.from(new Float64Array(doc.run.history.count).fill(1).buffer).toString(
    'base64'
  )
  const tiny = Buffer.from(new Float64Array(doc.run.history.count).fill(1e-4).buffer).toString(
    'base64'
  )
  doc.run.history.accuracy = ones
  doc.run.history.testAccuracy = ones
  doc.run.history.loss = tiny
  doc.run.history.testLoss = tiny
  doc.run.test = doc.run.train
  writeFileSync(join(dir, 'tampered.nnlab'), JSON.stringify(doc))
  return 'tampered.nnlab'
}
const tampered = tamper()

describe('nn-lab check', () => {
  it('passes a solved result and says why, target by target', async () => {
    const ran = await cli('check', 'deep.nnlab-challenge', solved)
    expect(ran.stderr).toBe('')
    expect(ran.code).toBe(0)
    expect(ran.stdout).toMatch(
      /^Fix a deep sigmoid network that does not learn\nPASS {2}solved\.nnlab\n/
    )
    expect(ran.stdout).toMatch(/✓ Test accuracy ≥ 95\.00%: \d+\.\d\d%/)
    expect(ran.stdout).toContain('✓ Within 1000 epochs: 1000 epochs')
    expect(ran.stdout).toContain('1 of 1 sessions meet the goal.')
  })

  it('fails an unsolved session, a tampered copy and a non-session with exit code 3', async () => {
    file('notes.nnlab', 'not a session')
    const ran = await cli(
      'check',
      'deep.nnlab-challenge',
      solved,
      unsolved,
      tampered,
      'notes.nnlab',
      '--json'
    )
    expect(ran.code).toBe(3)
    const report = JSON.parse(ran.stdout)
    expect(report.passed).toBe(1)
    expect(report.failed).toBe(3)
    const [ok, plain, edited, notes] = report.sessions
    expect(ok.passed).toBe(true)
    expect(plain.passed).toBe(false)
    expect(plain.checks[0]).toMatchObject({ key: 'minTestAccuracy', met: false })
    expect(edited.passed).toBe(false)
    // The edited history changes nothing: the weights are measured as they are.
    expect(edited.figures).toEqual(plain.figures)
    expect(edited.figures.testAccuracy).toBeLessThan(0.8)
    expect(notes.passed).toBe(false)
    expect(notes.problems[0]).toMatch(/not valid JSON/)
  })

  it('fails a session that does not record the challenge it answers', async () => {
    const bare = save('bare.nnlab', solvedConfig, 1000, false)
    const ran = await cli('check', 'deep.nnlab-challenge', bare)
    expect(ran.code).toBe(3)
    expect(ran.stdout).toContain('✗ The session does not record which challenge it answers.')
  })

  it('reports the test accuracy NumPy computes from the exported weights and points', async () => {
    const report = JSON.parse((await cli('check', 'deep.nnlab-challenge', solved, '--json')).stdout)
    const run = TrainingRun.create(solvedConfig)
    for (let e = 0; e < 1000; e++) run.trainEpoch()
    const snapshot = run.snapshot()
    writeFileSync(join(dir, 'weights.json'), weightsJson(snapshot))
    writeFileSync(join(dir, 'points.csv'), splitDatasetCsv(snapshot.train, snapshot.test))
    const numpy = execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        `
import json, numpy as np
m = json.load(open('weights.json'))
rows = [l.split(',') for l in open('points.csv').read().split('\\n')[1:] if l]
test = [r for r in rows if r[3] == 'test']
a = np.array([[float(r[0]), float(r[1])] for r in test])
y = np.array([int(r[2]) for r in test])
f = {'relu': lambda z: np.maximum(0, z), 'sigmoid': lambda z: 1 / (1 + np.exp(-z))}
for layer in m['layers']:
    a = f[layer['activation']](a @ np.array(layer['weights']) + np.array(layer['biases']))
print(repr(float(np.mean((a[:, 0] > 0.5).astype(int) == y))))
`
      ],
      { cwd: dir, encoding: 'utf8' }
    )
    expect(report.sessions[0].figures.testAccuracy).toBe(Number(numpy.trim()))
  })

  for (const shipped of SHIPPED_CHALLENGES) {
    it(`passes a solution of the shipped "${shipped.title}"`, async () => {
      const run = TrainingRun.create(solutionOf(shipped))
      for (let e = 0; e < SOLUTION_EPOCHS[shipped.id]; e++) run.trainEpoch()
      const doc = createSessionDocument(run.snapshot(), {
        name: shipped.id,
        appVersion: 'test',
        challenge: { id: shipped.id, title: shipped.title }
      })
      file(`${shipped.id}.nnlab`, serializeSession(doc))
      file(`${shipped.id}.nnlab-challenge`, serializeChallenge(shipped))
      const ran = await cli('check', `${shipped.id}.nnlab-challenge`, `${shipped.id}.nnlab`)
      expect(ran.stdout).toContain('1 of 1 sessions meet the goal.')
      expect(ran.code).toBe(0)
    }, 30_000)
  }

  it('needs a challenge and a session, and names a bad challenge file', async () => {
    expect((await cli('check', 'deep.nnlab-challenge')).code).toBe(2)
    const bad = await cli('check', solved, solved)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^nn-lab: solved\.nnlab: This file is not an NN Lab challenge/)
    expect(GENERAL_HELP).toContain('nn-lab check CHALLENGE SESSION... [--json]')
    expect((await cli('check', '--help')).stdout).toBe(COMMAND_HELP.check)
  })
})

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text)
  return name
}
