/**
 * The {@code peer-client} command line: {@code create}, {@code publish}, {@code search} and {@code
 * fetch}. Results go to standard output, progress and errors to standard error; the exit code says
 * whether the arguments (1) or the server or the file system (2) were at fault.
 */
package io.mcbt.peer.cli;
