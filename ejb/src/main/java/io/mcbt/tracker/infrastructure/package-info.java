/** The tracker's MongoDB collections: {@code registrations} and {@code swarm_stats}. */
package io.mcbt.tracker.infrastructure;
