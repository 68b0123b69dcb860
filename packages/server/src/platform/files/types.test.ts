import { describe, expect, it } from 'vitest';
import { MP3_FRAME, SAMPLES, sample } from '../../../test/file-samples.ts';
import { declaredType, detectType, FILE_TYPES, sameType, typesOf, type FileTypeName } from './types.ts';

describe('file types by their magic bytes', () => {
  it.each(Object.keys(SAMPLES) as FileTypeName[])('recognises %s', (name) => {
    expect(detectType(sample(name, 64))?.name).toBe(name);
  });

  it('recognises an MP3 without a tag by its frame header, and not a JPEG as one', () => {
    expect(detectType(MP3_FRAME)?.name).toBe('mp3');
    expect(detectType(SAMPLES.jpeg())?.name).toBe('jpeg');
  });

  it('recognises nothing else: text, a ZIP that is no office document, an unknown ISO brand, a truncated head', () => {
    expect(detectType(Buffer.from('just some text'))).toBeNull();
    const odt = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(22), Buffer.from([8, 0, 0, 0])]);
    expect(detectType(Buffer.concat([odt, Buffer.from('mimetype')]))).toBeNull();
    const unknownBrand = sample('mp4');
    unknownBrand.write('zzzz', 8, 'latin1');
    expect(detectType(unknownBrand)).toBeNull();
    expect(detectType(Buffer.from([0xff, 0xd8]))).toBeNull();
  });

  it('reads the declared type, aliases included, and treats MP4/M4A/MOV as one container', () => {
    expect(declaredType('image/jpg')?.name).toBe('jpeg');
    expect(declaredType('audio/x-m4a; codecs=mp4a')?.name).toBe('m4a');
    expect(declaredType('application/octet-stream')).toBeNull();
    expect(sameType(FILE_TYPES.mp4, FILE_TYPES.m4a)).toBe(true);
    expect(sameType(FILE_TYPES.mov, FILE_TYPES.mp4)).toBe(true);
    expect(sameType(FILE_TYPES.jpeg, FILE_TYPES.heic)).toBe(false);
    expect(sameType(FILE_TYPES.mp4, FILE_TYPES.heic)).toBe(false);
  });

  it('groups the types in families', () => {
    expect(typesOf('photo')).toEqual(['jpeg', 'png', 'webp', 'heic']);
    expect(typesOf('video')).toEqual(['mp4', 'mov']);
    expect(typesOf('audio')).toEqual(['m4a', 'mp3', 'amr', 'wav']);
    expect(typesOf('office')).toEqual(['docx', 'xlsx']);
  });
});
