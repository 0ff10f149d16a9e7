# Writes OUTPUT, a C++ source defining nlp::data::detail::kFiles: every file under ROOT (relative
# path and bytes). Run by CMake in script mode (cmake -DROOT=... -DOUTPUT=... -P EmbedFiles.cmake).
file(GLOB_RECURSE files RELATIVE ${ROOT} ${ROOT}/*)
list(FILTER files EXCLUDE REGEX "(^|/)(CMakeLists\\.txt|README\\.md|LICENSE[^/]*|include/.*|src/.*)$")
list(SORT files)
set(body "")
set(table "")
set(i 0)
foreach(f ${files})
  file(READ ${ROOT}/${f} hex HEX)
  string(LENGTH "${hex}" hexlen)
  math(EXPR n "${hexlen} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
  string(APPEND body "static const char f${i}[] = {${bytes} 0};\n")
  string(APPEND table "  {\"${f}\", {f${i}, ${n}}},\n")
  math(EXPR i "${i} + 1")
endforeach()
file(WRITE ${OUTPUT}.new
"// Generated from corpora/data by cmake/EmbedFiles.cmake; do not edit.\n"
"#include \"nlp/data/bundled.hpp\"\n"
"namespace nlp::data::detail {\n"
"${body}"
"extern const BundledFile kFiles[] = {\n${table}};\n"
"extern const std::size_t kFileCount = ${i};\n"
"}  // namespace nlp::data::detail\n")
file(COPY_FILE ${OUTPUT}.new ${OUTPUT} ONLY_IF_DIFFERENT)
