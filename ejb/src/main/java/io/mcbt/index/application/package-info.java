/** The index's use cases, as EJBs that the REST resources call. */
package io.mcbt.index.application;
