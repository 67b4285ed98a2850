/**
 * File safety shared by every module, with no dependencies beyond the JDK: {@link org.scrollwork.files.AtomicFiles}
 * replaces a file or a directory store so that readers see the old copy or the whole new one, never a half-written
 * one, and cleans up after writers that were killed; {@link org.scrollwork.files.WriteFailure} turns a failed write
 * into a one-line message that names the file and says plainly when the disk is full;
 * {@link org.scrollwork.files.ChecksummedFile} frames a file with magic and a checksum trailer, and
 * {@link org.scrollwork.files.CorruptFile} is the one family of "this file is damaged or not what it claims" errors.
 */
package org.scrollwork.files;
