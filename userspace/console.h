/* SPDX-License-Identifier: GPL-2.0 */
/* The console of a running VM on the CLI's stdin and stdout. */
#ifndef RTVMX_CLI_CONSOLE_H
#define RTVMX_CLI_CONSOLE_H

/*
 * Blocks SIGINT, SIGTERM and SIGHUP and routes them to a handler that asks
 * console_run() to stop the VM. Call before RTVMX_START. 0 or -1.
 */
int console_signals_setup(void);

/*
 * Streams the VM's console output to stdout and stdin to the VM (until
 * stdin ends) while the VM runs; a signal from console_signals_setup()
 * issues RTVMX_STOP. Returns 0 when the VM has stopped and all its output is
 * written (read returned end of file), -1 after printing why it could not.
 */
int console_run(int vm);

/*
 * The same for a console attached to a persistent VM, except that a signal
 * from console_signals_setup() ends the session and leaves the VM running
 * (0 then too).
 */
int console_attach(int vm);

#endif
