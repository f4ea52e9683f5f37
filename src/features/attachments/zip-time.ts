// Zip entries record a local DOS time from 1980 on; rebuilt documents all carry this one, so not
// even the archive tells when the file was prepared.
export const FIXED_ZIP_TIME = new Date(1980, 0, 1, 0, 0, 0);
