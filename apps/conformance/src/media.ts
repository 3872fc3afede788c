/**
 * Binary payloads the fixtures return. Real, decodable files: a 1x1 red PNG (8-bit RGB)
 * and a 16-bit mono 8 kHz PCM WAV with eight silent samples. The scenarios only check
 * that data and mimeType are present (and that the audio is `audio/wav`), but clients
 * that decode content should get valid files.
 *
 * @see https://modelcontextprotocol.io/specification/2025-11-25/server/tools#image-content
 */
export const RED_PIXEL_PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC";

export const SILENT_WAV_BASE64 =
  "UklGRjQAAABXQVZFZm10IBAAAAABAAEAQB8AAIA+AAACABAAZGF0YRAAAAAAAAAAAAAAAAAAAAAAAAAA";
