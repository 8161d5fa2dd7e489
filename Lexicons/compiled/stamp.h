/* generated — do not edit. Changes whenever a blob in this folder is rebuilt, so that the
   build recompiles Sources/CBitextData/bitext_data.c. */
#define BX_DATA_STAMP "0c7197059833f437"
