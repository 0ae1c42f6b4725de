# `cpack -G DEB` in the build folder: convviz_<version>_<arch>.deb, its
# Depends read from the binary by dpkg-shlibdeps.
set(CPACK_PACKAGE_NAME convviz)
set(CPACK_PACKAGE_VENDOR "The ConvViz authors")
set(CPACK_PACKAGE_CONTACT "The ConvViz authors <convviz@users.noreply.github.com>")
set(CPACK_PACKAGE_HOMEPAGE_URL ${CONVVIZ_HOMEPAGE})
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)  # the debug info of RelWithDebInfo stays in the build folder
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The panels' fonts: DejaVu for Latin and symbols, WenQuanYi Micro Hei for
# Chinese; without them the window falls back to ImGui's own font.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-dejavu-core, fonts-wqy-microhei")
# glad opens libGL.so.1 at run time, where dpkg-shlibdeps cannot see it.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libgl1")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "ConvViz teaches the sliding-window layers of a CNN with the numbers PyTorch
computes: nn.Conv2d field for field (stride, padding including 'same' and
'valid', the four padding modes, dilation, groups, bias). Step the window one
position at a time and see every product and the sum with the bias; open
pictures, and export PNG slides and GIF animations. English and Chinese,
readable on a projector.")
include(CPack)
