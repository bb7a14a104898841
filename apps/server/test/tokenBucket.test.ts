import { describe, expect, it } from 'vitest'
import { TokenBucket } from '../src/rooms/TokenBucket.ts'

describe('TokenBucket', () => {
  it('gives its burst at once, then its rate', () => {
    const bucket = new TokenBucket(10, 5, 0)
    for (let i = 0; i < 5; i++) {
      expect(bucket.wait(1, 0)).toBe(0)
      bucket.take(1, 0)
    }
    expect(bucket.wait(1, 0)).toBe(100)
    expect(bucket.wait(1, 50)).toBe(50)
    expect(bucket.wait(1, 100)).toBe(0)
  })

  it('never holds more than its burst, however long it was idle', () => {
    const bucket = new TokenBucket(10, 5, 0)
    bucket.take(5, 0)
    expect(bucket.wait(5, 60_000)).toBe(0)
    bucket.take(5, 60_000)
    expect(bucket.wait(1, 60_000)).toBe(100)
  })

  it('lets a cost above the burst through once the bucket is full, and empties it', () => {
    const bucket = new TokenBucket(10, 5, 0)
    bucket.take(1, 0)
    expect(bucket.wait(50, 0)).toBe(100)
    expect(bucket.wait(50, 100)).toBe(0)
    bucket.take(50, 100)
    expect(bucket.wait(1, 100)).toBe(100)
  })
})
