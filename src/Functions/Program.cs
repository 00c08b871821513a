// Entry point of the deployable bootstrap; the Runtime API loop and handler dispatch arrive with the workflow issue.
return 0;
