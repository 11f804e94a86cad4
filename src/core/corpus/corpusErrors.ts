/** The errors corpus jobs throw; hosts tell them apart to pick a message and an exit code. */
/** Something wrong with what the person gave (paths, options, files); not a bug. Hosts show the message. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** The job was given no paths at all (a usage mistake rather than a missing file). */
export class NoPathsError extends Error {
  constructor() {
    super('no paths given');
    this.name = 'NoPathsError';
  }
}

/** A file named explicitly does not exist. */
export class NoSuchFileError extends InputError {
  constructor(readonly path: string, readonly reason = 'no such file') {
    super(`${path}: ${reason}`);
    this.name = 'NoSuchFileError';
  }
}
