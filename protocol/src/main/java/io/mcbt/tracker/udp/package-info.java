/**
 * The UDP tracker protocol (BEP 15): packet codecs and connection ids. Every packet starts with an
 * action and a transaction id; all numbers are big-endian.
 */
package io.mcbt.tracker.udp;
