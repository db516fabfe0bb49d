/**
 * Calls to other servers that must not be lost: each is written to the MongoDB {@code outbox}
 * collection first and delivered by a relay that retries with exponential backoff until the other
 * side accepts it.
 */
package io.mcbt.outbox;
