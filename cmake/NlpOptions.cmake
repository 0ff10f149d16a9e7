# Compile options shared by the project's own targets (never by third-party code).
add_library(nlp_options INTERFACE)
target_compile_options(nlp_options INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow>
  # GCC 12 reports false -Wrestrict positives inside std::string (GCC bug 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
if(NLP_WERROR)
  target_compile_options(nlp_options INTERFACE -Werror)
endif()
if(NLP_NATIVE)
  target_compile_options(nlp_options INTERFACE -march=native)
endif()
if(NLP_SANITIZE)
  target_compile_options(nlp_options INTERFACE -fsanitize=${NLP_SANITIZE} -fno-omit-frame-pointer
                         -fno-sanitize-recover=all)
  target_link_options(nlp_options INTERFACE -fsanitize=${NLP_SANITIZE})
endif()

# nlp_add_test(NAME SOURCES... LIBS ...): one Catch2 executable, each TEST_CASE registered with CTest.
function(nlp_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE nlp_options nlp_test_main ${ARG_LIBS})
  target_compile_definitions(${name} PRIVATE
    NLP_SOURCE_DIR="${PROJECT_SOURCE_DIR}" NLP_BINARY_DIR="${PROJECT_BINARY_DIR}")
  # CTest splits discovered names at semicolons: such a test would silently never run.
  foreach(source IN LISTS ARG_SOURCES)
    file(STRINGS ${source} split_names REGEX "TEST_CASE\\(\"[^\"]*;")
    if(split_names)
      message(FATAL_ERROR "${source}: a TEST_CASE name contains ';', which CTest cannot register")
    endif()
  endforeach()
  catch_discover_tests(${name} TEST_PREFIX "${name}: " PROPERTIES TIMEOUT 600
                       SKIP_RETURN_CODE 4)
endfunction()
