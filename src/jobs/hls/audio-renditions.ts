// --audio-track all with several audio tracks: each track becomes an audio-only rendition in one group
// (#EXT-X-MEDIA:TYPE=AUDIO), as Apple's authoring spec, ffmpeg and MediaMTX do; the video renditions then
// carry no audio and name the group (AUDIO="aud"). Pure: names, languages and folders from the probe.
import { join } from 'node:path';

/** GROUP-ID of the one audio group. */
export const AUDIO_GROUP = 'aud';

/** What the probe says of one input audio track. */
export interface AudioTrackFacts {
  /** The track's language tag as GStreamer reports it ("en", "fr", or ISO 639-2 "eng"). */
  language?: string | undefined;
  channels?: number | undefined;
}

export interface PlannedAudioRendition {
  /** Folder name, from the input track number: audio_1, audio_2, … */
  name: string;
  dir: string;
  /** 1-based input audio track. */
  track: number;
  /** LANGUAGE (an RFC 5646 tag), when the track has one. */
  language: string | undefined;
  /** NAME: unique within the group (RFC 8216 §4.3.4.1). */
  title: string;
  /** Channels after encoding (AAC here is mono or stereo), when the probe knew the track's. */
  channels: number | undefined;
}

export function planAudioRenditions(outputDir: string, tracks: AudioTrackFacts[]): PlannedAudioRendition[] {
  const languages = tracks.map((t) => languageTag(t.language));
  const bases = languages.map((language, i) => (language ? languageName(language) : undefined) ?? `Audio ${i + 1}`);
  return tracks.map((t, i) => {
    const base = bases[i]!;
    // Two tracks in one language (a commentary, a description): the track number tells them apart.
    const title = bases.filter((b) => b === base).length > 1 ? `${base} (track ${i + 1})` : base;
    const name = `audio_${i + 1}`;
    return { name, dir: join(outputDir, name), track: i + 1, language: languages[i], title, channels: t.channels ? Math.min(2, t.channels) : undefined };
  });
}

// A well-formed tag other than "und" (undetermined): a player compares it with the user's languages.
function languageTag(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const tag = raw.trim();
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag) || /^(und|mul|zxx|mis)$/i.test(tag)) return undefined;
  return tag;
}

// "fr" → "French" (Node's ICU data); a code it does not know comes back unchanged, and is then no name.
function languageName(tag: string): string | undefined {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(tag);
    return name && name.toLowerCase() !== tag.toLowerCase() ? name : undefined;
  } catch {
    return undefined;
  }
}
