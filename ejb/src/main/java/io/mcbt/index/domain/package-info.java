/** The published torrent, search queries and pages, and the repository interface. */
package io.mcbt.index.domain;
