// A result session records the challenge it answers, and the record survives saving and opening;
// a session without one has none.
import { describe, expect, it } from 'vitest'
import { TrainingRun } from '../engine'
import { createSessionDocument, parseSession, serializeSession } from '../session'
import { SHIPPED_CHALLENGES } from '.'

describe('result sessions', () => {
  const snapshot = TrainingRun.create(SHIPPED_CHALLENGES[0].start).snapshot()

  it('keep the challenge they answer through save and open', () => {
    const answer = { id: SHIPPED_CHALLENGES[0].id, title: SHIPPED_CHALLENGES[0].title }
    const text = serializeSession(
      createSessionDocument(snapshot, { name: 'r', appVersion: 't', challenge: answer })
    )
    expect(JSON.parse(text).challenge).toEqual(answer)
    const parsed = parseSession(text)
    expect(parsed.ok && parsed.session.challenge).toEqual(answer)
  })

  it('have no challenge when none was recorded', () => {
    const text = serializeSession(createSessionDocument(snapshot, { name: 'r', appVersion: 't' }))
    expect('challenge' in JSON.parse(text)).toBe(false)
    const parsed = parseSession(text)
    expect(parsed.ok && 'challenge' in parsed.session).toBe(false)
  })
})
