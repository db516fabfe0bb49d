/**
 * The grouping service: the signalling conversation with peers (hello, candidates, RTT reports,
 * group assignment, progress, done), the timer that starts formed groups, and group records.
 */
package io.mcbt.grouping.application;
